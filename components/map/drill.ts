/**
 * Which prefecture the risk map is drilled into and which county is selected (pure): from the region filter, or the
 * viewer's own region when there is no filter or the filter lies above it — a 长春 analyst's map opens on 长春's
 * counties, not on one coloured prefecture in a grey province. A street filter drills to its county.
 */
import { levelRegion } from '../research/viewState';

export interface MapDrill { drillPref: string | undefined; selectedCounty: string | undefined }

export function mapDrill(region: string | undefined, scope?: string): MapDrill {
  const r = levelRegion(region, scope || undefined)?.slice(0, 6);
  if (!r || r.endsWith('0000')) return { drillPref: undefined, selectedCounty: undefined };
  return { drillPref: `${r.slice(0, 4)}00`, selectedCounty: r.endsWith('00') ? undefined : r };
}
