/** Locations for generated enterprises. */
import { samplePointInCounty } from '../geo/sample';

/**
 * A WGS-84 [lng, lat] inside the county, or null when no polygon is known for it (development zones,
 * districts newer than the base map, provinces without a base map): the cells stay empty.
 */
export function pointInCounty(countyCode: string, rnd: () => number): [number, number] | null {
  return samplePointInCounty(countyCode, rnd);
}
