from backbridge.main import main

main()
