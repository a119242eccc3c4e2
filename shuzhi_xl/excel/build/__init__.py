"""Build the .xlam add-in and the .xlsm template on any OS: VBA project (ovba, cfb) and package assembly."""
