"""Documents made from the store for people who do not open the dashboard: the steering group's meeting pack."""
