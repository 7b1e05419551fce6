"""Phrom (พร้อม): business continuity plans for the Thai public sector."""
