"""Value readers: one field's text (or one sheet cell) in, a reading with its flags and parse notes out: schedule,
costs, probability, responsible party, resources, sheet cells, numbers and plan periods."""
