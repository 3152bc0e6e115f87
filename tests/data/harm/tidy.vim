" Vim completion script for tidy lists
" Language:    any buffer with a list of tasks
" Maintainer:  The tidy authors
" Version:     3.1
"
" History
"
" Version 3.1
"     Updated TidyWarn()
"         - Prints the list name with the warning.
"         - Verifies the arguments are of the right type and shows a
"           warning if not.
"
" Version 3.0
"     Updated TidyPopup()
"         - Returns the items it found as a List.
"         - Verifies the arguments are of the right type and shows a
"           warning if not.
"
" Set completion with CTRL-X CTRL-O to autoloaded function.
" Only do this when not done yet for this buffer

if exists('g:loaded_tidy_complete')
    finish
endif
let g:loaded_tidy_complete = 30

function! tidy#Popup()
    " If the popup menu is visible
    if pumvisible()
        call tidy#Map('reset')
        " Show the popup menu again
        call feedkeys("\<C-X>\<C-O>")
    else
        " Nothing to show: the key does what it always does
        exec 'call feedkeys("\'.g:tidy_key_left.'", "n")'
    endif
    return ""
endfunction

function! tidy#Drill()
    " If the popup menu is visible
    if pumvisible()
        call tidy#Map('items')
        " Show the popup menu again
        call feedkeys("\<C-X>\<C-O>")
    else
        " Nothing to show: the key does what it always does
        exec 'call feedkeys("\'.g:tidy_key_right.'", "n")'
    endif
    return ""
endfunction

function! s:TidyWarn(msg)
    echohl WarningMsg
    echomsg 'Tidy: ' . a:msg
    echohl None
endfunction

function! s:TidyError(msg)
    echohl ErrorMsg
    echomsg 'Tidy: ' . a:msg
    echohl None
endfunction

function! s:TidyCheck()
    if !exists('g:loaded_tidy_lists')
        let msg = "The tidy-lists plugin must be installed, at least version 2.00, " .
                    \ " for the list completion to work"
        call s:TidyError(msg)
        " Leave time for the user to read the error message before the screen is redrawn
        :sleep 2
        return -1
    elseif g:loaded_tidy_lists < 200
        let msg = "The tidy-lists plugin must be installed, at least version 2.00, " .
                    \ " for the list completion to work"
        call s:TidyError(msg)
        " Leave time for the user to read the error message before the screen is redrawn
        :sleep 2
        return -1
    endif
    return 1
endfunction

function! tidy#Reset()
    for name in keys(s:cache)
        if name =~# '^tidy_'
            unlet s:cache[name]
        endif
    endfor
    try
        call tidy#Map('reset')
    catch /^Vim\%((\a\+)\)\=:E117/
        call s:TidyWarn('tidy#Map is not loaded')
    endtry
endfunction
