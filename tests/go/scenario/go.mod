module clientgen.test/scenario

go 1.24

require example.com/supportdesk/desk v0.0.0

replace example.com/supportdesk/desk => ../generated/drf-live
