import RapportCLI

Rapport.main()
