package repo

import "gongshi/generator/internal/record"

func record0() record.Date { return record.MustDate("2026-11-24") }
