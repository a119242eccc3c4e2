"""The local web page: the third door (after the command line and the ribbon) for people without Excel.

``shuzhi web`` serves it on 127.0.0.1; every button calls the same core functions as the other doors.
Only the ``web`` command imports this package, so no other command pays for it.
"""
