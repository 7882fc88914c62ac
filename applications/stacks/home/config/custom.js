// Homepage custom script (none).
