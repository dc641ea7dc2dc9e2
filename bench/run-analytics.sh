#!/usr/bin/env bash
# The analytics benchmark: a year of data for 100 accounts (≥ 10 million metric snapshots, bulk-loaded), then the
# dashboard's queries through Herald's own KpiService, BestTime, WhatChanged and PostHistory, on SQLite and PostgreSQL.
#   bench/run-analytics.sh [--accounts 100] [--days 365] [--posts-per-day 3] [--iterations 40] [--databases sqlite,postgres]
# Prints p50/p95 per query and database; the last line is one JSON object.
exec "$(dirname "${BASH_SOURCE[0]}")/run-dotnet-bench.sh" Herald.Bench.Analytics "$@"
