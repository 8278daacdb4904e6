/** A UUID in its canonical text form, either case (PostgreSQL's `uuid` type accepts both). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
