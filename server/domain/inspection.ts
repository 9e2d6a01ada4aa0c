/** The results an inspection records (`inspection` events): 未发现问题, 发现问题, 查无下落. Pure: the screens use it too. */
export const INSPECTION_RESULTS = ['pass', 'problem', 'unreachable'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
