"""model: what a fact sheet may say (sheets: the pydantic models, with their validation
rules), and the values it is made of: dates with their precision (dates), figures read as
intervals (quantities), names and ids people compare by eye (names), and the data of the
Changes page (changes).

May import: core."""
