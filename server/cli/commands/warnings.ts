import type { Command } from '../context';
import { UsageError, flagInt, flagMonth, flagString } from '../args';
import { runWarnings, monthsWithData } from '../../warnings/engine';
import { RULE_IDS, RULE_LABEL, type RuleId } from '../../warnings/rules';
import { sql, p } from '../../db/sql';
import { todayCn } from '../../calendar/workdays';

interface Row { id: string; month: string; rule: string; key: string; label: string; county_code: string; street_code: string; members: string[]; new_members: string[]; evidence: string; severity: string; first_month: string; status: string; rules_version: number }

/**
 * `warnings --month YYYY-MM [--rule ID] [--format jsonl|text]`: computes the month (replacing its warnings) and prints
 * them; `warnings --all [--since YYYY-MM]`: computes every month with data (from `since` on), oldest first (so cases
 * carry over month to month).
 */
export const warningsCommand: Command = {
  summary: '监测预警：按月计算预警（一址多照、一人多企等）并输出',
  usage: 'warnings --month YYYY-MM [--rule ID] [--format jsonl|text] [--rules-version N] [--json] | warnings --all [--since YYYY-MM] [--json]',
  async run(ctx) {
    const month = flagMonth(ctx.args);
    const all = ctx.args.flags.all === true;
    const since = flagMonth(ctx.args, 'since');
    if (since && !all) throw new UsageError('--since 只能与 --all 一起使用');
    const ruleFlag = flagString(ctx.args, 'rule');
    const format = flagString(ctx.args, 'format') ?? 'text';
    const version = ctx.args.flags['rules-version'] !== undefined ? flagInt(ctx.args, 'rules-version', 1, 1) : undefined;
    if (!['jsonl', 'text'].includes(format)) throw new UsageError(`--format 应为 jsonl 或 text: ${format}`);
    if (format === 'jsonl' && ctx.args.flags.json) throw new UsageError('--json 输出一个 JSON 文档，--format jsonl 每条预警一行：二者只能选一个');
    if (ruleFlag && !(RULE_IDS as readonly string[]).includes(ruleFlag)) throw new UsageError(`未知预警规则: ${ruleFlag}（可用: ${RULE_IDS.join(', ')}）`);
    if (!month === !all) throw new UsageError('需要 --month YYYY-MM 或 --all（二选一）');
    // A month that has not begun has no data; its cluster warnings (from today's registrations) would be published
    // under it, and the desk would open on it as the latest month (2099-01 typed for 2019-01).
    const today = todayCn();
    if (month && month > today.slice(0, 7)) throw new UsageError(`${month} 尚未开始（今天是 ${today}），不能计算该月的预警`);
    const rules = ruleFlag ? [ruleFlag as RuleId] : undefined;
    const db = await ctx.db();

    if (all) {
      const months = (await monthsWithData(db)).filter((m) => !since || m >= since);
      const results = [];
      for (const [i, m] of months.entries()) {
        ctx.progress(`预警 ${m}（${i + 1}/${months.length}）`);
        results.push(await runWarnings(db, m, { rules, version }));
      }
      if (ctx.args.flags.json) ctx.out(JSON.stringify({ months: results }));
      else for (const r of results) ctx.err(`${r.month}: ${r.warnings} 条预警（${r.seconds.toFixed(1)} 秒）`);
      return 0;
    }

    const res = await runWarnings(db, month!, { rules, version });
    const rows = await db.rows<Row>(sql`
      SELECT id, toString(month) AS month, toString(rule) AS rule, key, label, toString(county_code) AS county_code, toString(street_code) AS street_code,
        members, new_members, evidence, toString(severity) AS severity, toString(first_month) AS first_month, toString(status) AS status, rules_version
      FROM warnings AS w WHERE w.month = ${p.date(`${month}-01`)} AND (${p.str(ruleFlag ?? '')} = '' OR w.rule = ${p.str(ruleFlag ?? '')})
      ORDER BY rule, county_code, key`, 'cli warnings');
    if (format === 'jsonl') {
      for (const r of rows) {
        ctx.out(JSON.stringify({
          rule: r.rule, key: r.key, region_code: r.county_code, street_code: r.street_code, members: r.members,
          detail: { ...(JSON.parse(r.evidence) as object), label: r.label, severity: r.severity, new_members: r.new_members, first_month: r.first_month.slice(0, 7), status: r.status },
          id: r.id, month: month, rules_version: r.rules_version,
        }));
      }
    } else if (ctx.args.flags.json) {
      ctx.out(JSON.stringify(res));
    } else {
      ctx.out(`${month} 预警 ${res.warnings} 条（规则 v${res.rulesVersion}，${res.seconds.toFixed(1)} 秒）`);
      for (const [id, n] of Object.entries(res.counts)) ctx.out(`  ${RULE_LABEL[id as RuleId]} (${id}): ${n}`);
    }
    return 0;
  },
};
