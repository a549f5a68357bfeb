"""Disclosure (公示) of enforcement decisions on the supervision platform: what is published (masked as the
disclosure rules require), when (D17, D18 for a withdrawal), and the disclosure stream's decider."""
