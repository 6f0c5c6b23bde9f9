"""Plan documents: bytes to text (extract), the numbered outline and field labels (structure), projects listed
as table rows (table_plan), and the whole plan with its metadata (plan)."""
