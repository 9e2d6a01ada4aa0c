export { BarChart, type BarDatum, type BarChartProps } from './BarChart';
export { StackedBars, type StackedRow, type StackedBarsProps } from './StackedBars';
export { LineChart, fmtMonth, type Series, type LineChartProps } from './LineChart';
export { Legend, fmtAxis, fmtCell, type LegendItem } from './common';
