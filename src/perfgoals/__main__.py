from perfgoals.cli import main

main()
