"""Reading a year's results: score JSON, results CSV, published figures."""
