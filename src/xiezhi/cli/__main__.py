from xiezhi.cli import main

main()
