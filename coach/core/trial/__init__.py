"""Your own trial (n-of-1): does the nightly routine help you? Plain Python, no Textual.

plan.py the calendar of alternating blocks; weeks.py which weeks were routine weeks;
stats.py the Poisson rate ratio; report.py the words; chart.py the chart (plotext).
"""
