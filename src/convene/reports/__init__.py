"""Impact reports: figures computed from registrations, attendance and the directory."""
