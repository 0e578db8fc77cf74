/**
 * DuckDB's PostgreSQL-compatibility functions (schema `pg_catalog`). Some are macros that read
 * the catalog (`pg_get_viewdef` reads `duckdb_views()`), which the table walk of
 * `checkSearchSql` cannot see; none is an OpenObserve function. A test keeps this list equal to
 * DuckDB's, so an upgrade that adds one fails it.
 */
export const PG_CATALOG_FUNCTIONS: readonly string[] = [
  'col_description',
  'current_database',
  'current_query',
  'current_schema',
  'current_schemas',
  'format_pg_type',
  'format_type',
  'has_any_column_privilege',
  'has_column_privilege',
  'has_database_privilege',
  'has_foreign_data_wrapper_privilege',
  'has_function_privilege',
  'has_language_privilege',
  'has_schema_privilege',
  'has_sequence_privilege',
  'has_server_privilege',
  'has_table_privilege',
  'has_tablespace_privilege',
  'inet_client_addr',
  'inet_client_port',
  'inet_server_addr',
  'inet_server_port',
  'map_to_pg_oid',
  'obj_description',
  'pg_collation_is_visible',
  'pg_conf_load_time',
  'pg_conversion_is_visible',
  'pg_function_is_visible',
  'pg_get_constraintdef',
  'pg_get_expr',
  'pg_get_viewdef',
  'pg_has_role',
  'pg_is_other_temp_schema',
  'pg_my_temp_schema',
  'pg_opclass_is_visible',
  'pg_operator_is_visible',
  'pg_opfamily_is_visible',
  'pg_postmaster_start_time',
  'pg_size_pretty',
  'pg_sleep',
  'pg_table_is_visible',
  'pg_ts_config_is_visible',
  'pg_ts_dict_is_visible',
  'pg_ts_parser_is_visible',
  'pg_ts_template_is_visible',
  'pg_type_is_visible',
  'pg_typeof',
  'shobj_description',
];

/**
 * Functions a search may not call: they report the server's configuration or catalog, not the
 * streams (`current_setting('temp_directory')` would tell a page where the data lives;
 * `current_catalog` names the `--data` file; `get_block_size` reads `pragma_database_size()`).
 */
export const CONFIGURATION_FUNCTIONS: ReadonlySet<string> = new Set([
  ...PG_CATALOG_FUNCTIONS,
  'current_setting',
  'getvariable',
  'current_catalog',
  'current_role',
  'current_user',
  'session_user',
  'user',
  'in_search_path',
  'version',
  'get_block_size',
  'current_connection_id',
  'current_query_id',
  'current_transaction_id',
  'txid_current',
]);

/**
 * SQL value functions DuckDB calls for a bare word that names no column (`SELECT
 * current_catalog`): the two that report configuration. A field of that name must be qualified
 * (`s.current_schema`).
 */
export const CONFIGURATION_VALUE_WORDS: ReadonlySet<string> = new Set(['current_catalog', 'current_schema']);
