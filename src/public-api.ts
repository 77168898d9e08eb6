/** The types and error classes every entry exports (DESIGN §1): the root and each provider's. */
export type {
  Connection,
  ConnectionProperty,
  ConnectOptions,
  Field,
  InstagramConnectOptions,
  InstagramProperties,
  Params,
  ProcedureInfo,
  QueryOptions,
  QueryResult,
  Row,
  RowStream,
  TwitterAdsConnectOptions,
  TwitterAdsProperties,
  Value,
} from './connection/types.js';
export type { ColumnInfo, ColumnType, TableInfo } from './catalog/types.js';
export * from './errors.js';
