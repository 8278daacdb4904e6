import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ErrorBody } from './error-views';

/** One error shape for every response: `{ message, errors? }`; 5xx are logged with their stack. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const payload = typeof body === 'string' ? { message: body } : normalize(body as Record<string, unknown>);
      if (status >= 500) this.logger.error(payload.message, exception.stack);
      res.status(status).json(payload);
      return;
    }
    this.logger.error(exception instanceof Error ? exception.message : String(exception), (exception as Error)?.stack);
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ message: 'Internal server error' });
  }
}

function normalize(body: Record<string, unknown>): ErrorBody {
  const { message, errors } = body;
  if (Array.isArray(message)) return { message: 'Validation failed', errors: message };
  return errors === undefined ? { message: String(message ?? 'Error') } : { message: String(message), errors: errors as ErrorBody['errors'] };
}
