import type { Command } from '../context';
import { flagString } from '../args';
import { clusterDdl } from '../../db/cluster';

export const clusterDdlCommand: Command = {
  summary: '输出 ClickHouse 集群版建表语句（ON CLUSTER、Replicated/Distributed），由同一套迁移生成',
  usage: 'cluster-ddl [--cluster NAME]',
  async run(ctx) {
    ctx.out(clusterDdl(flagString(ctx.args, 'cluster') ?? '{cluster}').join('\n'));
    return 0;
  },
};
