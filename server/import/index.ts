/**
 * The import (CONTRACT.md "Import folder"): a folder with enterprises / roles / events as CSV (UTF-8 or
 * GB18030, detected) or .xlsx.
 *
 * 1. Prepare, touching nothing: find the files, convert .xlsx, detect the encoding (transcoding GB18030),
 *    map records to physical lines, read and check each header. A file that cannot be read stops here
 *    with an InputError.
 * 2. Load and validate in the engine, in one parallel pass over the file: the engine parses it (records
 *    numbered in file order), every rule of the contract is a SQL condition over stacked subqueries, and two
 *    materialized views on a Null table write the accepted rows, typed, into `<table>_next` (or `imp_new_*`)
 *    and one narrow row per record (number, key, flags; reasons and text of failing rows) into
 *    `imp_side_<kind>`. Duplicate keys (first occurrence wins) are found in the side table; only when there
 *    are some is the file read again to put the first occurrences back. Rejects get file, line, key, reason
 *    and the row's text.
 * 3. Publish atomically: `<table>_next` = old rows not replaced + new accepted rows (partitions without a
 *    replaced key are attached by hard link instead of copied), then EXCHANGE TABLES for every touched table.
 *    A row whose key and content are unchanged keeps its old version, so importing the same folder twice
 *    leaves the data exactly as after the first import. Until the exchange nothing visible changes; leftovers
 *    of a killed import are dropped when the next one starts.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../db/client';
import { p, sql, trusted, type Sql } from '../db/sql';
import { InputError } from '../cli/args';
import { usccProblem, USCC_PROBLEM_TEXT } from '../domain/uscc';
import { loadReferenceData } from '../reference/load';
import { normaliseColumn, readHeader } from './header';
import { lineOfRecord, NotTextError, scanCsv } from './scan';
import { f, KINDS, rowSql, SPECS, type Kind } from './spec';
import { csvFieldSql, lit } from './sqlparts';
import { LINE_COLUMN, xlsxToCsv } from './xlsx';
import { rowVersion } from '../db/version';
import { cnTime, utcText } from '../db/time';
import { serialized } from '../db/serialized';
import { carryPageEvents, pageEventWrites, withEventWrites } from './pageEvents';

export interface ImportOptions {
  actor: string;
  onProgress?: (text: string, fraction?: number | null) => void;
  /** USCCs to accept although their check character fails (recorded in `accepted_uscc`). */
  acceptUscc?: string[];
}

export interface FileCounts { accepted: number; rejected: number }

export interface ImportResult {
  importId: string;
  /** Keyed by the file name as found in the folder (enterprises.csv, events.xlsx, …). */
  files: Record<string, FileCounts>;
  notices: string[];
}

/** A file ready for the engine. */
interface Prepared {
  kind: Kind;
  fileName: string;
  /** UTF-8 CSV the engine reads (the original, a transcoded or a converted copy). */
  csvPath: string;
  /** Header width: the engine reads columns c0..c{width-1} plus EXTRA (fields beyond the header). */
  width: number;
  /** Known column → index in the header. */
  colIndex: Map<string, number>;
  /** Index of the spreadsheet row-number column of a converted .xlsx, else null. */
  lineCol: number | null;
  breaks: Array<[number, number]>;
  bytes: number;
  /** --accept-uscc codes: accepted by this import's checks, recorded in `accepted_uscc` only when it succeeds. */
  acceptUscc: string[];
  /** roles/events: the enterprises file of this import, whose rejected rows tell an unknown enterprise's reason. */
  enterprisesFile: { name: string; side: string } | null;
}

const FILE_RE = /^(enterprises|roles|events)\.(csv|xlsx)$/i;
const STAGING_PREFIX = 'imp_';
/**
 * For queries over the layered validation subqueries: merging their expression steps into one lets lazily
 * evaluated branches (if/multiIf) recompute shared intermediate values many times over (measured 5×).
 */
const CHECK_SETTINGS = 'query_plan_merge_expressions = 0';

// ---------------------------------------------------------------------------------------------------------
// 1. Prepare

function describeColumns(kind: Kind): string {
  const spec = SPECS[kind];
  return spec.columns.map((c) => (spec.required.includes(c) ? c : `${c}（可选）`)).join(', ');
}

async function prepareFile(kind: Kind, file: string, tmpDir: string, notices: string[],
  onBytes: (done: number, total: number) => void): Promise<Prepared> {
  const fileName = path.basename(file);
  let csvPath = file;
  let breaks: Array<[number, number]> = [];
  const bytes = fs.statSync(file).size;
  if (/\.xlsx$/i.test(fileName)) {
    csvPath = path.join(tmpDir, `${kind}.xlsx.csv`);
    try {
      await xlsxToCsv(file, csvPath);
    } catch (e) {
      throw new InputError(`${fileName} 无法作为 Excel (.xlsx) 文件读取：${(e as Error).message}`);
    }
    onBytes(bytes, bytes);
  } else {
    try {
      const scan = await scanCsv(file, tmpDir, onBytes);
      if (scan.unclosedQuoteLine !== null) {
        // The engine would read the open field to the end of the file: every later row lost inside it, without a word.
        throw new InputError(`${fileName} 第 ${scan.unclosedQuoteLine} 行无法按 CSV 读取：该行的引号字段没有闭合，一直延续到文件末尾（其后各行都会被读进这一个字段）。` +
          '请检查该行的引号（字段内的双引号应写成两个 ""）');
      }
      csvPath = scan.path;
      breaks = scan.breaks;
      if (scan.encoding === 'gb18030') notices.push(`${fileName}：不是 UTF-8，按 GB18030/GBK 编码读取`);
      if (scan.crOnly) notices.push(`${fileName}：行尾为旧式 Mac 换行符（CR），已按换行读取`);
      if (scan.undecodable > 0) {
        notices.push(scan.encoding === 'gb18030' ? `${fileName}：${scan.undecodable} 个字符无法按 GB18030 解码，已替换为 �`
          : `${fileName}：按 UTF-8 读取，其中 ${scan.undecodable} 处不是完整的 UTF-8 字符（多为被截断的汉字），已替换为 �`);
      }
    } catch (e) {
      if (e instanceof NotTextError) throw new InputError(e.message);
      if (typeof (e as NodeJS.ErrnoException).code === 'string' && (e as NodeJS.ErrnoException).syscall) {
        throw new InputError(`${fileName} 无法读取：${(e as Error).message}`);
      }
      throw e;
    }
  }
  const header = readHeader(csvPath);
  const names = (header ?? []).map(normaliseColumn);
  const spec = SPECS[kind];
  const colIndex = new Map<string, number>();
  let lineCol: number | null = null;
  const unknown: string[] = [];
  names.forEach((n, i) => {
    if (n === LINE_COLUMN && csvPath !== file) { lineCol = i; return; }
    if (!spec.columns.includes(n)) { if (n !== '') unknown.push(header![i]!.trim()); return; }
    if (colIndex.has(n)) throw new InputError(`${fileName}：表头中列 ${n} 出现了不止一次`);
    colIndex.set(n, i);
  });
  if (!header || colIndex.size === 0) {
    const seen = names.filter((n) => n !== LINE_COLUMN).slice(0, 6).join(', ');
    throw new InputError(`${fileName}：没有可识别的表头。第 1 行应为列名：${describeColumns(kind)}${seen ? `；实际读到：${seen}` : ''}`);
  }
  const missing = spec.required.filter((c) => !colIndex.has(c));
  if (missing.length) throw new InputError(`${fileName}：缺少必需列 ${missing.join(', ')}（应有列：${describeColumns(kind)}）`);
  if (unknown.length) notices.push(`${fileName}：忽略未知列 ${unknown.join(', ')}`);
  return { kind, fileName, csvPath, width: names.length, colIndex, lineCol, breaks, bytes, acceptUscc: [], enterprisesFile: null };
}

function findFiles(dir: string, notices: string[]): Array<{ kind: Kind; file: string }> {
  let entries: string[];
  try {
    if (!fs.statSync(dir).isDirectory()) throw new InputError(`${dir} 不是目录`);
    entries = fs.readdirSync(dir).sort();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`无法读取目录 ${dir}：${(e as Error).message}`);
  }
  const found = new Map<Kind, string>();
  for (const name of entries) {
    const full = path.join(dir, name);
    if (name.startsWith('.')) continue;
    let isFile: boolean;
    try {
      isFile = fs.statSync(full).isFile();
    } catch (e) {
      // A dangling link or an entry that cannot be examined: an import file among them stops the import with its name.
      if (FILE_RE.test(name)) throw new InputError(`${name} 无法读取：${(e as Error).message}`);
      continue;
    }
    if (!isFile) continue;
    const m = FILE_RE.exec(name);
    if (!m) {
      if (/^(enterprises|roles|events)\.xls$/i.test(name)) throw new InputError(`${name}：不支持旧版 .xls，请另存为 .xlsx 或 CSV`);
      notices.push(`忽略文件 ${name}（只读取 enterprises / roles / events 的 .csv 或 .xlsx）`);
      continue;
    }
    const kind = m[1]!.toLowerCase() as Kind;
    const prev = found.get(kind);
    if (prev) {
      // Prefer the CSV when both a CSV and a spreadsheet are present.
      const keep = /\.csv$/i.test(prev) ? prev : full;
      notices.push(`${kind} 有多个文件，使用 ${path.basename(keep)}，忽略 ${path.basename(keep === prev ? full : prev)}`);
      found.set(kind, keep);
    } else found.set(kind, full);
  }
  if (found.size === 0) throw new InputError(`目录 ${dir} 中没有 enterprises.csv、roles.csv 或 events.csv（也可为 .xlsx）`);
  return KINDS.filter((k) => found.has(k)).map((k) => ({ kind: k, file: found.get(k)! }));
}

// ---------------------------------------------------------------------------------------------------------
// 2. Load and validate

interface ColumnInfo { name: string; type: string }

async function tableColumns(db: Db, table: Kind): Promise<ColumnInfo[]> {
  return db.rows<ColumnInfo>(sql`SELECT name, type FROM system.columns WHERE database = currentDatabase() AND table = ${p.str(table)} ORDER BY position`, 'import columns');
}

type StagingWhat = 'raw' | 'in' | 'mva' | 'mvs' | 'side' | 'dupk' | 'dup' | 'fix' | 'brk' | 'rej' | 'new' | 'chg';

function staging(kind: Kind, what: StagingWhat): string {
  return `${STAGING_PREFIX}${what}_${kind}`;
}

/** Drops leftovers of an earlier import that did not finish (staging tables and views, `<table>_next`). */
async function dropLeftovers(db: Db): Promise<void> {
  const names = await db.rows<{ name: string }>(sql`SELECT name FROM system.tables WHERE database = currentDatabase()
    AND (startsWith(name, ${p.str(STAGING_PREFIX)}) OR name IN ('enterprises_next', 'roles_next', 'events_next'))
    ORDER BY engine != 'MaterializedView', name`, 'import leftovers');
  for (const { name } of names) await db.command(trusted(`DROP TABLE IF EXISTS ${name}`), 'import drop leftover');
}

function dataCols(prep: Prepared): string[] {
  return Array.from({ length: prep.width }, (_, i) => i).filter((i) => i !== prep.lineCol).map((i) => `c${i}`);
}

/**
 * Fields beyond the header's width. The engine drops the fields of a record beyond its columns: with one extra column,
 * `a,…,z,,不该丢的内容` (an empty field, then text) lost the text without a word. Eight catch a stray comma or two in
 * the middle of a row as well as at its end.
 */
const EXTRA = ['_extra', ...Array.from({ length: 7 }, (_, i) => `_x${i + 1}`)];
/** The extra fields as CSV text without trailing empty ones ('' when there are none). */
const EXTRA_TEXT = `arrayStringConcat(arraySlice([${EXTRA.map(csvFieldSql).join(', ')}], 1, ` +
  `arrayLastIndex(x -> x != '', [${EXTRA.join(', ')}])), ',')`;
const HAS_EXTRA = `(${EXTRA.map((c) => `${c} != ''`).join(' OR ')})`;

function structureOf(prep: Prepared): string {
  return [...Array.from({ length: prep.width }, (_, i) => `c${i} String`), ...EXTRA.map((c) => `${c} String`)].join(', ');
}

/** The row as CSV text again (for rejects). */
function rawRowSql(prep: Prepared): string {
  return `concat(arrayStringConcat([${dataCols(prep).map(csvFieldSql).join(', ')}], ','), if(${HAS_EXTRA}, concat(',', ${EXTRA_TEXT}, ',…'), ''))`;
}

function srcLineSql(prep: Prepared): string {
  return prep.lineCol === null ? 'toUInt64(0)' : `toUInt64OrZero(c${prep.lineCol})`;
}

/** Trimmed text of a known column ('' when the file lacks it). */
function fieldSql(prep: Prepared, col: string): string {
  const i = prep.colIndex.get(col);
  return i === undefined ? "''" : `trimBoth(c${i})`;
}

/** Key columns as a tuple, for matching staging rows to table rows. */
function keyTuple(kind: Kind): string {
  return `tuple(${SPECS[kind].key.join(', ')})`;
}

/** The key of a row as stored in `imp_side_<kind>.k`: the field itself (one key column) or a tuple of them. */
function sideKeySql(kind: Kind): { expr: string; type: string; target: string } {
  const key = SPECS[kind].key;
  if (key.length === 1) return { expr: f(key[0]!), type: 'String', target: key[0]! };
  return { expr: `tuple(${key.map(f).join(', ')})`, type: `Tuple(${key.map(() => 'String').join(', ')})`, target: keyTuple(kind) };
}

/** Content hash of a row (all data columns, not import_id): an unchanged row keeps its old version. */
function rowHash(cols: ColumnInfo[]): string {
  return `cityHash64(tuple(${cols.filter((c) => c.name !== 'import_id').map((c) => c.name).join(', ')}))`;
}

const CSV_SETTINGS = 'input_format_csv_allow_variable_number_of_columns = 1, format_csv_allow_single_quotes = 0';

/** Engine parse errors of `load` become an InputError naming the file. */
async function withParseErrors(prep: Prepared, load: () => Promise<void>): Promise<void> {
  try {
    await load();
  } catch (e) {
    const first = ((e as Error).message ?? '').split('\n')[0] ?? '';
    if (/Cannot parse|CANNOT_PARSE|INCORRECT_DATA|Cannot read|unexpected end|TOO_LARGE_STRING/i.test(first)) {
      // The engine counts records ("at row N", the header being row 1), not lines: a quoted field with line breaks
      // earlier in the file put its "row" before the actual line. Said as the physical line, as rejects are.
      const row = /:?\s*\(at row (\d+)\)/.exec(first);
      const line = row && prep.lineCol === null ? (Number(row[1]) <= 1 ? 1 : lineOfRecord(Number(row[1]) - 2, prep.breaks)) : null;
      const text = line === null ? first : first.replace(row![0], '');
      throw new InputError(`${prep.fileName}${line === null ? '' : ` 第 ${line} 行`}无法按 CSV 读取：${text.slice(0, 300)}`);
    }
    throw e;
  }
}

/**
 * On a server, the file's records are staged once in `imp_raw_<kind>` (rec, c0.., _extra): the server reads the
 * file from the request body through input(), which has no `_row_number`, so the records are numbered in file order
 * by rowNumberInAllBlocks() with one thread — only this plain copy; the validation passes then read the staged
 * records with every thread, and the file is sent once, not once per pass (2M events through a server on 2 cores:
 * 6.0–7.2 s → 5.2–6.0 s, docs/benchmarks.md; the validation used one thread before, whatever the server's cores).
 * Dropped after the file's passes (and with the other staging tables if the import dies).
 */
async function stageRecords(db: Db, prep: Prepared): Promise<void> {
  const raw = staging(prep.kind, 'raw');
  await db.command(trusted(`CREATE TABLE ${raw} (rec UInt64, ${structureOf(prep)}) ENGINE = MergeTree ORDER BY rec`), 'import raw');
  await withParseErrors(prep, () => db.loadFile(prep.csvPath, 'CSV', structureOf(prep), (source) => trusted(`INSERT INTO ${raw}
    SELECT rn_ - 1 AS rec, * EXCEPT (rn_) FROM (SELECT rowNumberInAllBlocks() AS rn_, * FROM ${source}) WHERE rn_ > 0
    SETTINGS ${CSV_SETTINGS}, max_threads = 1, input_format_parallel_parsing = 0`)));
}

/**
 * Runs `build` over the file's records: a FROM-able subquery with `rec` (0-based record number after the header, file
 * order) and the text columns c0..c{width-1}, `_extra`, and the SETTINGS its statement needs.
 *
 * Embedded engine: the file is read as plain CSV (the header is record 0) with parallel parsing, numbered by
 * the `_row_number` virtual column, which stays exact across parallel parsing segments for CSV without
 * header handling. (With CSVWithNames, ClickHouse 26.7 numbers the first segment without the header and
 * the later ones with it. The large-file tests of tests/integration/import.test.ts guard the numbering.) A server
 * reads the records staged by stageRecords.
 */
async function readFile(db: Db, prep: Prepared, build: (records: { from: string; settings: string }) => Sql): Promise<void> {
  if (db.config.mode !== 'embedded') {
    await db.command(build({ from: `(SELECT * FROM ${staging(prep.kind, 'raw')})`, settings: CSV_SETTINGS }), 'import read staged');
    return;
  }
  await withParseErrors(prep, () => db.loadFile(prep.csvPath, 'CSV', structureOf(prep),
    (source) => build({ from: `(SELECT _row_number - 1 AS rec, * FROM ${source} WHERE _row_number > 0)`, settings: CSV_SETTINGS })));
}

/**
 * The validated rows as a FROM clause over `records` (rec, c0.., _extra): staging columns, trimmed fields
 * `f_*`, each layer of intermediate values and `is_blank`; plus the SQL of the row's badness, its reasons
 * text and its typed values (all usable after the joins).
 */
function validated(prep: Prepared, enterprisesTable: string, cols: ColumnInfo[], records: string): { from: string; isBad: string; reasonText: string; values: string[] } {
  const spec = SPECS[prep.kind];
  const row = rowSql(prep.kind, enterprisesTable, prep.acceptUscc, prep.enterprisesFile);
  const all = [...Array.from({ length: prep.width }, (_, i) => `c${i}`), ...EXTRA];
  const blank = `(${[...dataCols(prep), ...EXTRA].map((c) => `${c} = ''`).join(' AND ')})`;
  const reasons = [...row.reasons, { cond: HAS_EXTRA, text: `'字段数多于表头（可能有未加引号的逗号）'` }];
  let from = `(SELECT rec, ${all.join(', ')}, ${spec.columns.map((c) => `${fieldSql(prep, c)} AS ${f(c)}`).join(', ')}, ${blank} AS is_blank
    FROM ${records})`;
  for (const layer of row.layers) if (layer.length) from = `(SELECT *, ${layer.join(', ')} FROM ${from})`;
  const values = cols.filter((c) => c.name !== 'import_id').map((c) => {
    const v = row.values[c.name];
    if (v === undefined) throw new Error(`import: no value for ${prep.kind}.${c.name}`);
    return v;
  });
  // Conditions are cheap; message strings are built only for the (few) rows that fail one.
  // A condition that comes out NULL makes the row bad rather than silently neither accepted nor rejected.
  const isBad = `(NOT is_blank AND ifNull(${reasons.map((r) => `(${r.cond})`).join(' OR ')}, 1))`;
  const listed = `arrayStringConcat(arrayFilter(x -> x != '', [${reasons.map((r) => `if(${r.cond}, ${r.text}, '')`).join(',\n')}]), '；')`;
  const reasonText = `if(${isBad}, if(${listed} = '', '无法校验此行', ${listed}), '')`;
  return { from: `${from} AS s ${row.joins}`, isBad, reasonText, values };
}

/**
 * The one pass over the file: the engine parses it (all threads), checks every row and writes, through two
 * materialized views on a Null table, the accepted rows (typed) into `target` and one narrow row per record
 * into `imp_side_<kind>`: record number, key, flags, and the reasons and text of the rows that fail a check.
 * Duplicate keys are found afterwards from the side table (first occurrence wins, see fixDuplicates).
 * `parallel_view_processing` lets the two views write in parallel: without it the sorted write of the
 * accepted rows and the side table's write share one thread (2M events: 2.4 s instead of 1.7 s here).
 */
async function loadAndCheck(db: Db, prep: Prepared, importId: string, enterprisesTable: string, cols: ColumnInfo[], target: string,
  onCheck: () => void): Promise<void> {
  const kind = prep.kind;
  const input = staging(kind, 'in');
  const side = staging(kind, 'side');
  const key = sideKeySql(kind);
  const display = kind === 'events' ? f('event_id') : f('uscc');
  const sideCols = `rec UInt64, src UInt64, k ${key.type}, h UInt64, key String, bad UInt8, blank UInt8, has_key UInt8, reason String, raw String`;
  await db.command(trusted(`CREATE TABLE ${side} (${sideCols}) ENGINE = MergeTree ORDER BY rec`), 'import side');
  await db.command(trusted(`CREATE TABLE ${input} (${sideCols}, ${cols.map((c) => `v_${c.name} ${c.type}`).join(', ')}) ENGINE = Null`), 'import input');
  await db.command(trusted(`CREATE MATERIALIZED VIEW ${staging(kind, 'mva')} TO ${target} (${cols.map((c) => `${c.name} ${c.type}`).join(', ')})
    AS SELECT ${cols.map((c) => `v_${c.name} AS ${c.name}`).join(', ')} FROM ${input} WHERE bad = 0 AND blank = 0`), 'import accepted view');
  await db.command(trusted(`CREATE MATERIALIZED VIEW ${staging(kind, 'mvs')} TO ${side} (${sideCols})
    AS SELECT rec, src, k, h, ${kind === 'roles' ? 'key' : "''"} AS key, bad, blank, has_key, reason, raw FROM ${input} WHERE blank = 0`), 'import side view');
  const present = SPECS[kind].key.map((k) => `${f(k)} != ''`).join(' AND ');
  onCheck();
  await readFile(db, prep, (records) => {
    const v = validated(prep, enterprisesTable, cols, records.from);
    return sql`INSERT INTO ${trusted(input)}
      SELECT rec, ${trusted(srcLineSql(prep))}, ${trusted(key.expr)} AS k_, cityHash64(k_), ${trusted(display)}, ${trusted(v.isBad)} AS bad_, is_blank, ${trusted(present)},
        ${trusted(v.reasonText)}, if(bad_, ${trusted(rawRowSql(prep))}, ''),
        ${trusted(v.values.join(',\n'))}, ${p.str(importId)}
      FROM ${trusted(v.from)}
      SETTINGS ${trusted(records.settings)}, ${trusted(CHECK_SETTINGS)}, max_insert_threads = 2, parallel_view_processing = 1`;
  });
  await db.command(trusted(`DROP TABLE ${staging(kind, 'mva')}`), 'import drop view');
  await db.command(trusted(`DROP TABLE ${staging(kind, 'mvs')}`), 'import drop view');
  await db.command(trusted(`DROP TABLE ${input}`), 'import drop input');
}

/**
 * Later occurrences of a key already seen in the same file (first occurrence wins) into `imp_dup_<kind>`.
 * The common case (no duplicate) costs one aggregation over the keys' 64-bit hashes; only keys whose hash
 * repeats are compared as text. Returns how many.
 */
async function findDuplicates(db: Db, kind: Kind): Promise<number> {
  const side = staging(kind, 'side');
  const dupk = staging(kind, 'dupk');
  const dup = staging(kind, 'dup');
  await db.command(trusted(`CREATE TABLE ${dupk} ENGINE = MergeTree ORDER BY tuple() AS
    SELECT k, min(rec) AS first_rec, argMin(src, rec) AS first_src FROM ${side}
    WHERE has_key = 1 AND h IN (SELECT h FROM ${side} WHERE has_key = 1 GROUP BY h HAVING count() > 1)
    GROUP BY k HAVING count() > 1`), 'import duplicate keys');
  const keys = Number((await db.one<{ n: number }>(trusted(`SELECT toUInt32(count()) AS n FROM ${dupk}`)))?.n ?? 0);
  if (keys === 0) return 0;
  await db.command(trusted(`CREATE TABLE ${dup} ENGINE = MergeTree ORDER BY rec AS
    SELECT v.rec AS rec, v.src AS src, v.key AS key, v.k AS k, v.bad AS bad, d.first_rec AS first_rec, d.first_src AS first_src
    FROM (SELECT rec, src, key, k, bad FROM ${side} WHERE has_key = 1 AND k IN (SELECT k FROM ${dupk})) AS v
    INNER JOIN ${dupk} AS d USING (k)
    WHERE v.rec > d.first_rec`), 'import duplicates');
  return Number((await db.one<{ n: number }>(trusted(`SELECT toUInt32(count()) AS n FROM ${dup}`)))?.n ?? 0);
}

/**
 * The load wrote every good row, later occurrences of a duplicate key too: remove all rows of those keys from
 * `target` and put back each key's first occurrence (when it passes the checks). The file is read once more
 * for these records only (and for the text of the duplicates, for rejects). Runs only when there are duplicates.
 */
async function fixDuplicates(db: Db, prep: Prepared, importId: string, enterprisesTable: string, cols: ColumnInfo[], target: string): Promise<void> {
  const kind = prep.kind;
  const dupk = staging(kind, 'dupk');
  const dup = staging(kind, 'dup');
  const fix = staging(kind, 'fix');
  const names = cols.map((c) => c.name);
  await db.command(trusted(`CREATE TABLE ${fix} (rec UInt64, bad UInt8, raw String, ${cols.map((c) => `${c.name} ${c.type}`).join(', ')})
    ENGINE = MergeTree ORDER BY rec`), 'import fix');
  await readFile(db, prep, (records) => {
    const v = validated(prep, enterprisesTable, cols, records.from);
    return sql`INSERT INTO ${trusted(fix)}
      SELECT rec, ${trusted(v.isBad)} OR is_blank, ${trusted(rawRowSql(prep))}, ${trusted(v.values.join(',\n'))}, ${p.str(importId)}
      FROM ${trusted(v.from)}
      WHERE rec IN (SELECT first_rec FROM ${trusted(dupk)}) OR rec IN (SELECT rec FROM ${trusted(dup)})
      SETTINGS ${trusted(records.settings)}, ${trusted(CHECK_SETTINGS)}`;
  });
  const key = sideKeySql(kind);
  await db.command(trusted(`ALTER TABLE ${target} DELETE WHERE ${key.target} IN (SELECT k FROM ${dupk}) SETTINGS mutations_sync = 2`), 'import drop duplicates');
  await db.command(trusted(`INSERT INTO ${target} (${names.join(', ')}) SELECT ${names.join(', ')} FROM ${fix}
    WHERE bad = 0 AND rec IN (SELECT first_rec FROM ${dupk})`), 'import first occurrences');
}

/** Rejected rows (bad or duplicate) with their physical line, into `rejects`. Returns how many. */
async function storeRejects(db: Db, prep: Prepared, importId: string, dups: number): Promise<number> {
  const kind = prep.kind;
  const rej = staging(kind, 'rej');
  const side = staging(kind, 'side');
  const keyCol = kind === 'roles' ? 'key' : 'k';
  await db.command(trusted(`CREATE TABLE ${rej} (rec UInt64, src_line UInt64, key String, reason String, raw String,
    dup UInt8, first_rec UInt64, first_src UInt64, first_bad UInt8) ENGINE = MergeTree ORDER BY rec`));
  await db.command(trusted(`INSERT INTO ${rej} SELECT rec, src, ${keyCol}, reason, raw, 0, 0, 0, 0 FROM ${side} WHERE bad = 1`), 'import rejects');
  if (dups > 0) {
    // A duplicate that is also bad is reported once, with its own reasons.
    await db.command(trusted(`INSERT INTO ${rej}
      SELECT d.rec, d.src, ${kind === 'roles' ? 'd.key' : 'd.k'}, '', x.raw, 1, d.first_rec, d.first_src,
        d.first_rec IN (SELECT rec FROM ${side} WHERE bad = 1)
      FROM ${staging(kind, 'dup')} AS d LEFT ANY JOIN ${staging(kind, 'fix')} AS x ON x.rec = d.rec WHERE d.bad = 0`), 'import duplicate rejects');
  }
  const n = Number((await db.one<{ n: number }>(trusted(`SELECT toUInt32(count()) AS n FROM ${rej}`)))?.n ?? 0);
  if (n === 0) return 0;
  // Physical lines: a spreadsheet's row numbers, else record + 2 plus the extra lines of earlier multi-line records.
  let line = 'x.rec + 2', firstLine = 'x.first_rec + 2', joins = '';
  if (prep.lineCol !== null) { line = 'x.src_line'; firstLine = 'x.first_src'; }
  else if (prep.breaks.length > 0) {
    const brk = staging(kind, 'brk');
    await db.command(trusted(`CREATE TABLE ${brk} (k UInt8, rec UInt64, extra UInt64) ENGINE = MergeTree ORDER BY rec`));
    for (let i = 0; i < prep.breaks.length; i += 100_000) {
      await db.insert(brk, prep.breaks.slice(i, i + 100_000).map(([rec, extra]) => ({ k: 0, rec, extra })));
    }
    joins = `ASOF LEFT JOIN ${brk} AS b1 ON x.k = b1.k AND x.rec >= b1.rec ASOF LEFT JOIN ${brk} AS b2 ON x.k = b2.k AND x.first_rec >= b2.rec`;
    line = 'x.rec + 2 + b1.extra';
    firstLine = 'x.first_rec + 2 + b2.extra';
  }
  const keyName = SPECS[kind].key.join(' + ');
  // A duplicate whose first occurrence was rejected too says so: the key was not imported at all.
  await db.command(sql`INSERT INTO rejects (import_id, file, line, key, reason, raw)
    SELECT ${p.str(importId)}, ${p.str(prep.fileName)}, ${trusted(line)}, x.key,
      if(x.dup = 1, concat(${p.str(`重复的键（${keyName}）：与第 `)}, toString(${trusted(firstLine)}),
        if(x.first_bad = 1, ' 行相同；以首次出现的一行为准，而该行也被拒绝，此键本次没有导入', ' 行相同，以首次出现的一行为准')), x.reason), x.raw
    FROM (SELECT *, toUInt8(0) AS k FROM ${trusted(rej)}) AS x ${trusted(joins)}`, 'import rejects lines');
  return n;
}

async function countRows(db: Db, table: string): Promise<number> {
  return Number((await db.one<{ n: number }>(trusted(`SELECT toUInt32(count()) AS n FROM ${table}`)))?.n ?? 0);
}

async function activeParts(db: Db, kind: Kind): Promise<string[]> {
  return (await db.rows<{ id: string }>(sql`SELECT DISTINCT partition_id AS id FROM system.parts
    WHERE database = currentDatabase() AND table = ${p.str(kind)} AND active`, 'import parts')).map((r) => r.id);
}

/**
 * Builds `<table>_next` = old rows not replaced + new or changed rows of `imp_new_<kind>`. Returns false (and
 * builds nothing) when every accepted row is already there unchanged.
 */
async function buildNext(db: Db, kind: Kind, cols: ColumnInfo[], parts: string[], accepted: number): Promise<boolean> {
  const fresh = staging(kind, 'new');
  const chg = staging(kind, 'chg');
  const next = `${kind}_next`;
  const key = keyTuple(kind);
  // Keys to write: accepted rows not already present with identical content. Compared as two 64-bit hashes
  // (content, key): a set of fixed-size pairs is 2–3× quicker to build and probe than one keyed by text, and an
  // unchanged verdict for a changed row needs the content hash of the same key to collide (2^-64), as before.
  const pair = `(${rowHash(cols)}, cityHash64(${key}))`;
  await db.command(trusted(`CREATE TABLE ${chg} ENGINE = MergeTree ORDER BY tuple() AS
    SELECT ${SPECS[kind].key.join(', ')} FROM ${fresh}
    WHERE ${pair} NOT IN (SELECT ${pair} FROM ${kind})`), 'import changed keys');
  const changed = Number((await db.one<{ n: number }>(trusted(`SELECT toUInt32(count()) AS n FROM ${chg}`)))?.n ?? 0);
  if (changed === 0) return false;
  await db.command(trusted(`CREATE TABLE ${next} AS ${kind}`), 'import next');
  // Old partitions that hold none of the keys being written are carried over by hard link, not copied.
  const touched = new Set((await db.rows<{ id: string }>(trusted(`SELECT DISTINCT _partition_id AS id
    FROM ${kind} WHERE ${key} IN (SELECT ${key} FROM ${chg})`), 'import touched partitions')).map((r) => r.id));
  for (const id of parts) {
    if (!touched.has(id)) await db.command(sql`ALTER TABLE ${trusted(next)} ATTACH PARTITION ID ${trusted(lit(id))} FROM ${trusted(kind)}`, 'import attach');
  }
  if (touched.size > 0) {
    await db.command(sql`INSERT INTO ${trusted(next)} SELECT * FROM ${trusted(kind)}
      WHERE has(${p.strs([...touched])}, _partition_id) AND ${trusted(key)} NOT IN (SELECT ${trusted(key)} FROM ${trusted(chg)})
      SETTINGS max_insert_threads = 2`, 'import keep old');
  }
  const names = cols.map((c) => c.name).join(', ');
  // When every accepted row is new or changed, no per-key filter is needed.
  const filter = changed === accepted ? '' : ` WHERE ${key} IN (SELECT ${key} FROM ${chg})`;
  await db.command(trusted(`INSERT INTO ${next} (${names}) SELECT ${names} FROM ${fresh}${filter}
    SETTINGS max_insert_threads = 2`), 'import new rows');
  return true;
}

/**
 * Loads and validates a file, stores its rejects and prepares `<table>_next`. Returns counts and whether the
 * table changes. `onCheck` is called when the engine starts reading and checking the rows.
 */
async function processFile(db: Db, prep: Prepared, importId: string, enterprisesTable: string, onCheck: () => void): Promise<{ counts: FileCounts; touched: boolean }> {
  const kind = prep.kind;
  const cols = await tableColumns(db, kind);
  const parts = await activeParts(db, kind);
  // Accepted rows go straight into `<table>_next` when the table is empty (the common first import), else into
  // `imp_new_<kind>` to be merged with the old rows.
  const target = parts.length === 0 ? `${kind}_next` : staging(kind, 'new');
  await db.command(trusted(parts.length === 0 ? `CREATE TABLE ${target} AS ${kind}` : `CREATE TABLE ${target} AS ${kind} ENGINE = MergeTree ORDER BY tuple()`), 'import target');
  if (db.config.mode !== 'embedded') await stageRecords(db, prep);
  await loadAndCheck(db, prep, importId, enterprisesTable, cols, target, onCheck);
  const dups = await findDuplicates(db, kind);
  if (dups > 0) await fixDuplicates(db, prep, importId, enterprisesTable, cols, target);
  await db.command(trusted(`DROP TABLE IF EXISTS ${staging(kind, 'raw')}`), 'import drop raw');
  const accepted = await countRows(db, target);
  const rejected = await storeRejects(db, prep, importId, dups);
  if (parts.length === 0) return { counts: { accepted, rejected }, touched: accepted > 0 };
  const touched = accepted > 0 && await buildNext(db, kind, cols, parts, accepted);
  return { counts: { accepted, rejected }, touched };
}

// ---------------------------------------------------------------------------------------------------------
// Import records

async function recordImport(db: Db, row: { importId: string; source: string; startedAt: string; finishedAt: string | null;
  status: 'running' | 'done' | 'failed'; summary: unknown; message: string; user: string }): Promise<void> {
  await db.insert('imports', [{
    import_id: row.importId, source: row.source, started_at: row.startedAt, finished_at: row.finishedAt, status: row.status,
    summary: JSON.stringify(row.summary), message: row.message, user: row.user, version: rowVersion(),
  }]);
}


/** The uuid of each named table of the current database (Atomic databases give every table one; '' otherwise). */
async function tableUuids(db: Db, names: string[]): Promise<Record<string, string>> {
  if (!names.length) return {};
  const rows = await db.rows<{ name: string; uuid: string }>(sql`SELECT name, toString(uuid) AS uuid FROM system.tables
    WHERE database = currentDatabase() AND name IN ${p.strs(names)}`, 'import uuids');
  const out: Record<string, string> = {};
  for (const r of rows) if (r.uuid !== '00000000-0000-0000-0000-000000000000') out[r.name.replace(/_next$/, '')] = r.uuid;
  return out;
}

/**
 * An import killed while publishing (between two table swaps) left some tables new and some old: the tables it had
 * swapped in (the table now carries the uuid its new copy had, recorded before the first swap) are swapped back
 * with their old copy (`<table>_next`), so the data is again as before the import, as for an import killed earlier.
 * When every touched table had been swapped, the import was published: it is recorded done. Runs when an import
 * starts and when an embedded data directory is opened (one process per directory), before leftovers are dropped.
 */
export async function recoverPublish(db: Db): Promise<void> {
  const stale = await db.rows<{ import_id: string; source: string; started_at: string; summary: string; user: string }>(
    sql`SELECT import_id, source, toString(started_at) AS started_at, summary, user FROM imports FINAL
        WHERE status = 'running' AND JSONHas(summary, 'publishing')`, 'import recover');
  for (const r of stale) {
    let summary: { files?: unknown; notices?: unknown; publishing?: Record<string, string>; accepting?: unknown } = {};
    try { summary = JSON.parse(r.summary) as typeof summary; } catch { continue; }
    const publishing = summary.publishing ?? {};
    const kinds = Object.keys(publishing);
    if (!kinds.length) continue;
    const now = await tableUuids(db, kinds);
    const swapped = kinds.filter((k) => now[k] === publishing[k]);
    const base = { importId: r.import_id, source: r.source, startedAt: r.started_at, finishedAt: utcText(new Date(), 's'), user: r.user };
    if (swapped.length === kinds.length) {
      const accepting = Array.isArray(summary.accepting) ? summary.accepting.filter((c): c is string => typeof c === 'string') : [];
      await recordAccepted(db, accepting, r.import_id, r.user);
      await recordImport(db, { ...base, status: 'done', summary: { files: summary.files, notices: summary.notices }, message: '' });
      continue;
    }
    const old = await tableUuids(db, swapped.map((k) => `${k}_next`));
    if (Object.keys(old).length !== swapped.length) continue; // (an old copy is gone: nothing to put back — left for an operator)
    for (const k of swapped) await db.command(trusted(`EXCHANGE TABLES ${k}_next AND ${k}`), 'import recover exchange');
    await recordImport(db, { ...base, status: 'failed', summary: { files: summary.files, notices: summary.notices },
      message: `导入在发布途中中断（${swapped.join('、')} 已换入），已换回，数据保持导入前的状态` });
  }
}

/** The --accept-uscc codes of a published import (accepted_uscc keeps one row per code: writing one twice is harmless). */
async function recordAccepted(db: Db, codes: readonly string[], importId: string, actor: string): Promise<void> {
  if (codes.length) await db.insert('accepted_uscc', codes.map((uscc) => ({ uscc, note: `导入时接受（${importId}）`, added_by: actor })));
}

/** Imports that were still 'running' when their process died are marked failed. */
async function closeStaleImports(db: Db): Promise<void> {
  await db.command(sql`INSERT INTO imports (import_id, source, started_at, finished_at, status, summary, message, user, version)
    SELECT import_id, source, started_at, now(), 'failed', summary, '导入未完成（进程中断），数据保持导入前的状态', user, version + 1
    FROM imports FINAL WHERE status = 'running'`, 'import close stale');
}

// One import at a time per process (the staging tables have fixed names).
const withLock = <T>(fn: () => Promise<T>): Promise<T> => serialized('import', fn);

function checkAcceptList(codes: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of codes) {
    const code = raw.trim();
    if (!code) continue;
    const problem = usccProblem(code);
    if (problem === 'length' || problem === 'alphabet') throw new InputError(`不能接受 ${code}：${USCC_PROBLEM_TEXT[problem]}（只有校验位不符的代码可以被接受）`);
    out.push(code);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------

/** Temporary copies (transcoded CSV, converted .xlsx) of imports killed more than a day ago. */
function removeStaleTempDirs(): void {
  try {
    const cutoff = Date.now() - 24 * 3600_000;
    for (const name of fs.readdirSync(os.tmpdir())) {
      if (!name.startsWith('xinyan-import-')) continue;
      const full = path.join(os.tmpdir(), name);
      if (fs.statSync(full).mtimeMs < cutoff) fs.rmSync(full, { recursive: true, force: true });
    }
  } catch { /* best effort */ }
}

/** Imports a folder. Throws InputError (and changes nothing) when a file cannot be read at all. */
export async function importFolder(db: Db, dir: string, opts: ImportOptions): Promise<ImportResult> {
  return withLock(() => runImport(db, dir, opts));
}

async function runImport(db: Db, dirIn: string, opts: ImportOptions): Promise<ImportResult> {
  const progress = (text: string, fraction: number | null = null) => opts.onProgress?.(text, fraction);
  const dir = path.resolve(dirIn);
  const notices: string[] = [];
  const accept = checkAcceptList(opts.acceptUscc ?? []);
  const found = findFiles(dir, notices);
  removeStaleTempDirs();
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xinyan-import-'));
  const importId = `${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, '')}-${crypto.randomBytes(3).toString('hex')}`;
  const startedAt = utcText(new Date(), 's');
  // (Embedded, a page write during the import shows in this count: only then is there anything to carry over.)
  const pageWritesAtStart = pageEventWrites();
  let recorded = false;
  const files: Record<string, FileCounts> = {};
  try {
    // 1. Prepare (reads files only).
    const totalBytes = found.reduce((s, x) => s + fs.statSync(x.file).size, 0) || 1;
    let bytesBefore = 0;
    const prepared: Prepared[] = [];
    for (const { kind, file } of found) {
      const name = path.basename(file);
      prepared.push(await prepareFile(kind, file, tmpDir, notices, (done) => {
        progress(`读取 ${name}：识别编码与行号`, 0.15 * (bytesBefore + done) / totalBytes);
      }));
      bytesBefore += fs.statSync(file).size;
    }

    // 2. Load and validate.
    progress('载入参考数据', 0.15);
    await loadReferenceData(db);
    await recoverPublish(db);
    await dropLeftovers(db);
    await closeStaleImports(db);
    await recordImport(db, { importId, source: dir, startedAt, finishedAt: null, status: 'running', summary: {}, message: '', user: opts.actor });
    recorded = true;
    // Accepted by the checks through the SQL itself; written to accepted_uscc with the publication, so that a failed or
    // killed import leaves no acceptance behind (it did: the codes were recorded before the files were read).
    for (const prep of prepared) prep.acceptUscc = accept;
    const entFile = prepared.find((x) => x.kind === 'enterprises');
    for (const prep of prepared) if (prep.kind !== 'enterprises' && entFile) prep.enterprisesFile = { name: entFile.fileName, side: staging('enterprises', 'side') };
    const touched: Kind[] = [];
    let loadedBytes = 0;
    const loadBytes = prepared.reduce((s, x) => s + x.bytes, 0) || 1;
    for (const prep of prepared) {
      const frac = () => 0.15 + 0.7 * loadedBytes / loadBytes;
      progress(`载入 ${prep.fileName}`, frac());
      const enterprisesTable = touched.includes('enterprises') ? 'enterprises_next' : 'enterprises';
      const r = await processFile(db, prep, importId, enterprisesTable, () => progress(`检查 ${prep.fileName} 的每一行`, frac()));
      files[prep.fileName] = r.counts;
      if (r.touched) touched.push(prep.kind);
      loadedBytes += prep.bytes;
      progress(`${prep.fileName}：接受 ${r.counts.accepted.toLocaleString('zh-CN')} 行，拒绝 ${r.counts.rejected.toLocaleString('zh-CN')} 行`, frac());
    }

    // 3. Publish: swap every touched table in, then drop the old ones. The engine swaps two tables at a time: the
    // import's record first names, per touched table, the id (uuid) of its new copy, so that a process killed between
    // two swaps leaves a record from which the next start puts the swapped tables back (recoverPublish).
    progress('发布', 0.9);
    const publishing = await tableUuids(db, touched.map((k) => `${k}_next`));
    // (With the codes accepted by --accept-uscc: killed after the last swap, the recovery records them.)
    await recordImport(db, { importId, source: dir, startedAt, finishedAt: null, status: 'running',
      summary: { files, notices, publishing, ...(accept.length ? { accepting: accept } : {}) }, message: '', user: opts.actor });
    // Under the gate of the pages' event writes: what a page wrote into `events` since the copy was made is carried
    // into it, and nothing is written between that and the swap (pageEvents.ts).
    await withEventWrites(async () => {
      if (touched.includes('events') && (db.config.mode !== 'embedded' || pageEventWrites() !== pageWritesAtStart)) {
        await carryPageEvents(db, 'events_next', rowHash(await tableColumns(db, 'events')), `${STAGING_PREFIX}page_`);
      }
      for (const kind of touched) {
        await db.command(trusted(`EXCHANGE TABLES ${kind}_next AND ${kind}`), 'import exchange');
        if (process.env.XINYAN_TEST_KILL_AFTER_EXCHANGE === kind) process.kill(process.pid, 'SIGKILL'); // (fault injection: import-publish-kill.test)
      }
    });
    for (const kind of touched) await db.command(trusted(`DROP TABLE IF EXISTS ${kind}_next`), 'import drop old');
    await recordAccepted(db, accept, importId, opts.actor);
    await recordImport(db, { importId, source: dir, startedAt, finishedAt: utcText(new Date(), 's'), status: 'done', summary: { files, notices }, message: '', user: opts.actor });
    await dropLeftovers(db);
    progress('导入完成', 1);
    return { importId, files, notices };
  } catch (e) {
    if (recorded) {
      await dropLeftovers(db).catch(() => undefined);
      await recordImport(db, {
        importId, source: dir, startedAt, finishedAt: utcText(new Date(), 's'), status: 'failed', summary: { files, notices },
        message: (e as Error).message.slice(0, 2000), user: opts.actor,
      }).catch(() => undefined);
    }
    throw e;
  } finally {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Reading imports and rejects (data page, `rejects` command)

export interface ImportRecord {
  importId: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'running' | 'done' | 'failed';
  files: Record<string, FileCounts>;
  notices: string[];
  message: string;
  user: string;
}

/** Imports, newest first; startedAt / finishedAt in China time 'YYYY-MM-DD HH:MM:SS' (server/db/time.ts). */
export async function listImports(db: Db, opts: { limit?: number } = {}): Promise<ImportRecord[]> {
  const rows = await db.rows<{ import_id: string; source: string; started_at: string; finished_at: string | null; status: ImportRecord['status']; summary: string; message: string; user: string }>(
    sql`SELECT import_id, source, ${cnTime('started_at')} AS started_at, if(isNull(finished_at), NULL, ${cnTime('finished_at')}) AS finished_at,
          status, summary, message, user
        FROM imports FINAL ORDER BY imports.started_at DESC, import_id DESC LIMIT ${p.uint(opts.limit ?? 200)}`, 'listImports');
  return rows.map((r) => {
    let summary: { files?: Record<string, FileCounts>; notices?: string[] } = {};
    try { summary = JSON.parse(r.summary || '{}') as typeof summary; } catch { /* keep empty */ }
    return {
      importId: r.import_id, source: r.source, startedAt: r.started_at, finishedAt: r.finished_at, status: r.status,
      files: summary.files ?? {}, notices: summary.notices ?? [], message: r.message, user: r.user,
    };
  });
}

export interface RejectRow { importId: string; file: string; line: number; key: string; reason: string; raw: string }

/**
 * Rejected rows of one import (default: the latest finished import), in file and line order.
 * `total` counts all of them; `rows` is the requested page.
 */
export async function listRejects(db: Db, opts: { importId?: string; limit?: number; offset?: number } = {}): Promise<{ importId: string | null; total: number; rows: RejectRow[] }> {
  let importId = opts.importId ?? null;
  if (!importId) {
    const latest = await db.one<{ id: string }>(trusted(`SELECT import_id AS id FROM imports FINAL WHERE status = 'done' ORDER BY started_at DESC, import_id DESC LIMIT 1`), 'latest import');
    importId = latest?.id ?? null;
  }
  if (!importId) return { importId: null, total: 0, rows: [] };
  const where: Sql = sql`import_id = ${p.str(importId)}`;
  const total = Number((await db.one<{ n: number }>(sql`SELECT toUInt32(count()) AS n FROM rejects WHERE ${where}`, 'rejects count'))?.n ?? 0);
  const rows = await db.rows<{ import_id: string; file: string; line: number; key: string; reason: string; raw: string }>(
    sql`SELECT import_id, file, toUInt32(line) AS line, key, reason, raw FROM rejects WHERE ${where}
        ORDER BY indexOf(['enterprises', 'roles', 'events'], splitByChar('.', file)[1]), file, line
        LIMIT ${p.uint(opts.limit ?? 100)} OFFSET ${p.uint(opts.offset ?? 0)}`, 'listRejects');
  return {
    importId, total,
    rows: rows.map((r) => ({ importId: r.import_id, file: r.file, line: Number(r.line), key: r.key, reason: r.reason, raw: r.raw })),
  };
}
