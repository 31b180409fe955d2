"""Advisory PDF reports: the werkgeversscan report and the jobcarving report.

The reports take result objects from the other areas (``ScanResult``, ``LadderResult``,
``BanenafspraakResult``, ``CarvingResult``) and only lay them out: they never compute a
score, a percentage or an amount of their own, so the PDF shows the app's numbers.
"""
