# Bad usage and bad values on the command line: exit 2, one line naming what is expected.
bad "unknown command" 2 "unknown command 'frobnicate'; commands:" frobnicate
bad "unknown option" 2 "unknown option --frob" render --pipeline gray --frob 1 --out "$work/x"
bad "bad --size" 2 "--size 0x0 is not valid" render --pipeline gray --size 0x0 --out "$work/x"
