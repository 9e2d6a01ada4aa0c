/** Who started a run or an import, as people read it: the command line is 命令行, a person is their account name. */
export const actorLabel = (actor: string): string => (actor === 'cli' ? '命令行' : actor);
