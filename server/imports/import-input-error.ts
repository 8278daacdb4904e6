import { HttpException, HttpStatus } from '@nestjs/common';

/** The inputs of an import request, by their API field names. */
export type ImportInput = 'file' | 'adapter' | 'ability' | 'sourceName' | 'sourceId' | 'license' | 'csvMapping' | 'reviewMode';

/** The command-line flag for each input the CLI has (`npm run cli -- import FILE --source …`). */
export const CLI_FLAGS: Partial<Record<ImportInput, string>> = {
  adapter: '--adapter',
  ability: '--ability',
  sourceName: '--source',
  license: '--license',
  csvMapping: '--map',
  reviewMode: '--review-mode',
};

/**
 * A refused import request. The API names its fields (`sourceName`), the CLI its flags (`--source`): the message is
 * written for each, `message` for the API and `cliMessage` for the command line.
 */
export class ImportInputError extends HttpException {
  constructor(
    apiMessage: string,
    readonly cliMessage: string = apiMessage,
    status: HttpStatus = HttpStatus.BAD_REQUEST,
    field?: ImportInput,
  ) {
    super(field ? { message: apiMessage, errors: [{ field, message: apiMessage }] } : apiMessage, status);
  }

  /** `field: problem` for the API, `--flag: problem` for the CLI. */
  static of(input: ImportInput, problem: string, cliProblem = problem): ImportInputError {
    return new ImportInputError(`${input}: ${problem}`, `${CLI_FLAGS[input] ?? input}: ${cliProblem}`);
  }

  /** A well-formed value the request may not have here (422), naming its field. */
  static unprocessable(input: ImportInput, problem: string): ImportInputError {
    return new ImportInputError(`${input}: ${problem}`, `${CLI_FLAGS[input] ?? input}: ${problem}`, HttpStatus.UNPROCESSABLE_ENTITY, input);
  }
}
