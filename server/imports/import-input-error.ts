import { BadRequestException } from '@nestjs/common';

/** The inputs of an import request, by their API field names. */
export type ImportInput = 'file' | 'adapter' | 'ability' | 'sourceName' | 'sourceId' | 'license' | 'csvMapping';

/** The command-line flag for each input the CLI has (`npm run cli -- import FILE --source …`). */
export const CLI_FLAGS: Partial<Record<ImportInput, string>> = {
  adapter: '--adapter',
  ability: '--ability',
  sourceName: '--source',
  license: '--license',
  csvMapping: '--map',
};

/**
 * A refused import request. The API names its fields (`sourceName`), the CLI its flags (`--source`): the message is
 * written for each, `message` for the API and `cliMessage` for the command line.
 */
export class ImportInputError extends BadRequestException {
  constructor(
    apiMessage: string,
    readonly cliMessage: string = apiMessage,
  ) {
    super(apiMessage);
  }

  /** `field: problem` for the API, `--flag: problem` for the CLI. */
  static of(input: ImportInput, problem: string, cliProblem = problem): ImportInputError {
    return new ImportInputError(`${input}: ${problem}`, `${CLI_FLAGS[input] ?? input}: ${cliProblem}`);
  }
}
