module github.com/timconvgroup/timconvgroup

go 1.26.8

require (
	github.com/mattn/go-sqlite3 v1.14.53
	github.com/tidwall/gjson v1.20.2
	github.com/tidwall/pretty v1.3.0
)

require github.com/tidwall/match v1.1.1 // indirect
