"""``python -m nejat_crawler.schema``: print the DuckDB ``columns`` literal of a post line."""

from nejat_crawler.schema import duckdb_columns_sql

if __name__ == "__main__":
    print(duckdb_columns_sql())
