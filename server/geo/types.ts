/** The base-map file format (public/geo/<province>.json), shared by the build, the server and the map page. */
export interface RegionProps {
  code: string;
  name: string;
  /** 2 prefecture, 3 county */
  level: 2 | 3;
  prefecture_code: string;
  /** Label point / seat [lng, lat]. */
  center: [number, number];
}

export interface RegionFeature {
  type: 'Feature';
  id: string;
  properties: RegionProps;
  geometry: { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface NoPolygon { code: string; name: string; level: 2 | 3; prefecture_code: string; kind: string }

export interface ProvinceGeo {
  province: string;
  name: string;
  bbox: [number, number, number, number];
  prefectures: { type: 'FeatureCollection'; features: RegionFeature[] };
  counties: { type: 'FeatureCollection'; features: RegionFeature[] };
  /** Current codes with no polygon (development zones…): listed in the UI, never silently dropped. */
  no_polygon: NoPolygon[];
}
