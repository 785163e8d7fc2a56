"""The release: rows and features of every config, Parquet shards, the dataset card, Croissant metadata,
checksums, counts and corpus statistics, building, verifying and publishing.

Imports only from `hadath.corpus` and `hadath.scoring`.
"""
