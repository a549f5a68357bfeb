"""The supervision platform's side of the enforcement record (issue 4): what is reported of each day's
inspections (masked), and the platform's warnings (预警) as streams officers answer."""
