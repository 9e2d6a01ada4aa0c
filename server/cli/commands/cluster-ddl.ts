import type { Command } from '../context';
import { flagString } from '../args';
import { clusterDdl } from '../../db/cluster';

export const clusterDdlCommand: Command = {
  summary: '输出 ClickHouse 集群版建表语句（ON CLUSTER、Replicated/Distributed），由同一套迁移生成',
  usage: 'cluster-ddl [--cluster NAME] [--json]',
  async run(ctx) {
    const cluster = flagString(ctx.args, 'cluster') ?? '{cluster}';
    const statements = clusterDdl(cluster);
    // --json: one document, the statements as an array (the text form is one statement after another).
    if (ctx.args.flags.json) ctx.out(JSON.stringify({ cluster, statements }));
    else ctx.out(statements.join('\n'));
    return 0;
  },
};
