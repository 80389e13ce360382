"""Reading survey files (CSV, workbooks, Parquet) as batches of answers."""
