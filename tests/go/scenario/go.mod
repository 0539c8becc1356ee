module clientgen.test/scenario

go 1.24

require example.com/supportdesk v0.0.0

replace example.com/supportdesk => ../generated/drf-live
