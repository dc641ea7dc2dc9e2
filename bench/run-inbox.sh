#!/usr/bin/env bash
# Inbox ingestion: generated replies and mentions (English and French, ~10% re-sent) with likes and follows, ingested by
# Herald's own inbox poller (one round, Inbox:PollConcurrency accounts at a time, each read page by page from its stored
# cursor; only the network is replaced by pages in memory) or, with --path pages, pushed page by page into the save path
# (threading, sentiment, items + engagement + contacts + cursor in one transaction, insert-if-absent, then the crisis
# SignalRecorder), on a fresh SQLite database and a fresh PostgreSQL database.
#   bench/run-inbox.sh [--items 200000] [--accounts 100] [--page 250] [--path poller|pages] [--parallel 4 (poller) | 2 (pages)]
#                      [--duplicates 0.10] [--databases sqlite,postgres] [--stages] [--warmup 30000]
# --warmup items go to a workspace of their own before the clock starts (JIT tier-up, pools, writer connection), checked separately.
# Prints a table on stderr; the last line is one JSON object (items/s, new, duplicates, stored == unique, doubled == 0).
exec "$(dirname "${BASH_SOURCE[0]}")/run-dotnet-bench.sh" Herald.Bench.Inbox "$@"
