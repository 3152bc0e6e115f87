# Help texts for the statements, one topic a key (generated from the
# reference manual).

topics = {
    'assert': 'The "assert" statement\n'
              '**********************\n'
              '\n'
              'The statement "assert" is written as shown in the grammar below.\n'
              '\n'
              'Assertions are checked only when the interpreter runs without the\n'
              'optimisation flag; with it, the statement is compiled to nothing and\n'
              'the expressions in it are never evaluated, so they must not change\n'
              'anything the rest of the program relies on.\n'
              '\n'
              'See also the "assert" entry of the index.\n',
    'raise': 'The "raise" statement\n'
              '*********************\n'
              '\n'
              'The statement "raise" is written as shown in the grammar below.\n'
              '\n'
              'Assertions are checked only when the interpreter runs without the\n'
              'optimisation flag; with it, the statement is compiled to nothing and\n'
              'the expressions in it are never evaluated, so they must not change\n'
              'anything the rest of the program relies on.\n'
              '\n'
              'See also the "raise" entry of the index.\n',
}
