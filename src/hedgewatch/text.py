"""Plain-text helpers shared by the app (version alignment in ``app.compare``) and the
project tooling (near-duplicate detection in ``project.neardup``)."""

# function words left out of content-word comparisons
STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for from with without about as into
    over under after before between through during than then that this these those
    there here it its it's is are was were be been being have has had do does did
    not no nor so such very just also only he she they them his her their we us our
    you your i me my who whom which what when where why how all any some more most
    other another same own can could may might must shall should will would said says
    say told according one two""".split()
)
