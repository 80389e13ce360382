"""Reading evidence checklists (bukti dukung) and their documents."""
