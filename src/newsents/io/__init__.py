"""Input and output: reading articles (txt, news-please JSON, HTML), cleaning scraped noise, and the
output folder (JSONL, Parquet) a batch run writes."""
