"""Welfare check-ins (rule 6 of the program: every worker protection but the minimum wage
applies): the platform asks each migrant on an active visa a few private questions after his
arrival or transfer and then at his jurisdiction's interval; a worrying answer, a check-in missed
or his own message opens a case in the authority's queue. The sponsor never sees any of it."""
