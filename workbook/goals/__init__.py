"""Goals, check-ins and progress: the UI-free core behind `workbook goals`, `due` and `progress`.

``cadence`` reads how often a person means to do something; ``schedule`` works out what is due
and the streaks from plain dates; ``models`` holds the stored records; ``repo`` reads and writes
them through the store; ``scores`` keeps per-partner scale scores from check-in exercises.
Nothing here imports Textual, and importing the package itself loads nothing heavy.
"""
