from backbridge.cli import main

main()
