"""Runtime engines of the batch job: one process, a local worker pool, or Dask; resumable output,
allocator tuning."""
